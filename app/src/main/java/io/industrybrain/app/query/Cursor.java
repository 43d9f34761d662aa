package io.industrybrain.app.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code next} of a page and the {@code cursor} that asks for the page after it: the key of the page's last
 * item, the next page beginning strictly after it. Keyed rather than counted, so an item added or dropped between
 * two requests moves no other item to a second page or past the end. Opaque (base64url) so that clients pass it
 * back as given instead of building one: the key's form is this API's own business.
 */
final class Cursor {

    private Cursor() { }

    static String after(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor was made of. */
    static String keyOf(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notOurs(cursor);
        }
    }

    static QueryParameters.BadRequest notOurs(String cursor) {
        return new QueryParameters.BadRequest("cursor " + cursor + " is not one this API gave out: pass the next of the previous page as it is");
    }
}
