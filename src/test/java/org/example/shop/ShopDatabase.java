package org.example.shop;

import jakarta.annotation.sql.DataSourceDefinition;

/** The shop's own database: an in-memory H2 (Payara Micro ships H2), beside SessionDB's. */
@DataSourceDefinition(
        name = "java:app/jdbc/shop",
        className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1")
public class ShopDatabase {}
