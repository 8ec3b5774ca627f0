package org.example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An order in the shop's own database, through the shop's own persistence unit. */
@Entity
@Table(name = "shop_order")
public class Order {

    @Id
    @GeneratedValue
    private Long id;

    private String item;

    protected Order() {}

    Order(String item) {
        this.item = item;
    }
}
