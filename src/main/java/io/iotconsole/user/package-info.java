/**
 * Owns {@code app_user}, {@code user_link_token} and {@code access_token}: console users, API users and the
 * platform operator; their lifecycle (invite, activate, deactivate, re-invite, delete); activation and reset links;
 * sign-in (the {@code UserDetailsService}) and the Management API's bearer tokens. Facades: {@link
 * io.iotconsole.user.Users}, {@link io.iotconsole.user.UserLifecycle}, {@link io.iotconsole.user.UserLinks},
 * {@link io.iotconsole.user.Profiles}.
 */
package io.iotconsole.user;
