package com.fieldops.query.activitytype;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * A cached list's JSON, and its gzip form made on first demand: compressed once per change instead of per request,
 * a 1,000-type list goes over the wire as ~10 % of its 260 kB to every client that accepts gzip (browsers do).
 */
final class SerializedList {

    private final byte[] json;
    private final String etag;
    private volatile byte[] gzip;

    SerializedList(byte[] json) {
        this.json = json;
        this.etag = etagOf(json);
    }

    byte[] json() {
        return json;
    }

    /**
     * The list's entity tag, from its content: a client that holds the list revalidates it with If-None-Match and
     * gets a 304 instead of the 260 kB again until it changes. Weak, as the gzip and plain forms share it; from the
     * content rather than the list stamp, so two organisations' or views' lists never share one unless they are equal.
     */
    String etag() {
        return etag;
    }

    byte[] gzip() {
        byte[] compressed = gzip;
        if (compressed == null) {
            compressed = compress(json);
            gzip = compressed; // racing first readers compress the same bytes: harmless
        }
        return compressed;
    }

    int weight() {
        byte[] compressed = gzip;
        return json.length + (compressed == null ? json.length / 8 : compressed.length);
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
