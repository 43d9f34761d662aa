package io.industrybrain.app.observability;

/**
 * Meters whose series come and go with the data (new topics, new chains): brought up to date right
 * before each scrape, so that one scrape reads one consistent snapshot.
 */
interface RefreshedOnScrape {

    void refresh();
}
