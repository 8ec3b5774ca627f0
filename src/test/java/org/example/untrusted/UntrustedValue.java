package org.example.untrusted;

import java.io.Serializable;

/**
 * A serializable value in a package outside SessionDB's default deserialization allowlist: storing it
 * works, reading it back is refused.
 */
public record UntrustedValue(String label) implements Serializable {}
