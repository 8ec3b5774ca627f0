package org.example.own;

import java.io.Serializable;

/**
 * A serializable value in a package no setting names: deployed in the application's WEB-INF/classes it is
 * read back without configuration, as the application's own classes are.
 */
public record OwnValue(String label) implements Serializable {}
