/**
 * Implementation of the template registry, the local template check, rendering and the template
 * policy. Not API: may change in any release.
 */
package io.github.whatsapphelpdesk.template.internal;
