/** Implementation of the session-window tracker. Not API: may change in any release. */
package io.github.whatsapphelpdesk.session.internal;
