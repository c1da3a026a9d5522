/**
 * Who is calling and what they may do: roles, the one permission policy ({@link io.iotconsole.security.AccessPolicy}),
 * the signed-in {@link io.iotconsole.security.ConsoleUser}, who may call each handler ({@link
 * io.iotconsole.security.Allow}, enforced by {@link io.iotconsole.security.HandlerAccess}), password hashing, sign-in
 * throttling and the filter chains of the console and the Management API. Knows nothing of the tables that hold users: the user module
 * implements {@link io.iotconsole.security.ConsoleUserLookup}.
 */
package io.iotconsole.security;
