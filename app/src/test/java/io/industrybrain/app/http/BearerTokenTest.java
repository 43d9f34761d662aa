package io.industrybrain.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.industrybrain.app.http.BearerToken.Presented;
import org.junit.jupiter.api.Test;

/** What an Authorization header presents, by RFC 6750's rules; the token never in a toString(). */
class BearerTokenTest {

    private final BearerToken token = new BearerToken("dGhlLWJyYWlucy10b2tlbg==");

    @Test
    void onlyTheSameTokenInTheBearerSchemeIsRight() {
        assertEquals(Presented.RIGHT, token.in("Bearer dGhlLWJyYWlucy10b2tlbg=="));
        assertEquals(Presented.RIGHT, token.in("bearer dGhlLWJyYWlucy10b2tlbg=="), "the scheme's name is case-insensitive");
        assertEquals(Presented.WRONG, token.in("Bearer DGHLLWJYYWLUCY10B2TLBG=="), "the token is not");
        assertEquals(Presented.WRONG, token.in("Bearer dGhlLWJyYWlucy10b2tlbg="), "a prefix of it");
        assertEquals(Presented.WRONG, token.in("Bearer dGhlLWJyYWlucy10b2tlbg==x"), "it and more");
        assertEquals(Presented.WRONG, token.in("Bearer "));
        assertEquals(Presented.NONE, token.in(null));
        assertEquals(Presented.NONE, token.in("Basic dGhlLWJyYWlucy10b2tlbg=="), "another scheme");
        assertEquals(Presented.NONE, token.in("BearerdGhlLWJyYWlucy10b2tlbg=="));
    }

    @Test
    void itsTextHidesIt() {
        assertFalse(token.toString().contains("dGhl"), token.toString());
    }
}
