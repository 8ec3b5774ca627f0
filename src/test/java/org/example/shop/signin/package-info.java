/**
 * The shop's sign-in, as its developers write it with Jakarta Security and nothing of SessionDB: an identity
 * store, pages that require a role, signing out. Which mechanism signs users in is the choice of a
 * subpackage: {@code form} (the server's form mechanism), {@code customform} (the server's custom-form
 * mechanism with the shop's login servlet) or {@code custom} (the shop's own mechanism).
 */
package org.example.shop.signin;
