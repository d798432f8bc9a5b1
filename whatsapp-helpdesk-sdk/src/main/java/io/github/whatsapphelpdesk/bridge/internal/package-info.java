/** Implementation of the bridge. Not API: may change in any release. */
package io.github.whatsapphelpdesk.bridge.internal;
