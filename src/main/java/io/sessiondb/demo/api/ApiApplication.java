package io.sessiondb.demo.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the JAX-RS resources under {@code /api}. */
@ApplicationPath("api")
public class ApiApplication extends Application {}
