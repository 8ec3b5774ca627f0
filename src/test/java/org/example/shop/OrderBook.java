package org.example.shop;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The shop's orders: a {@code @PersistenceContext} without a unit name, as most applications write it. */
@ApplicationScoped
public class OrderBook {

    @PersistenceContext
    EntityManager em;

    @Transactional
    public long place(String item) {
        em.persist(new Order(item));
        return em.createQuery("SELECT COUNT(o) FROM Order o", Long.class).getSingleResult();
    }
}
