/** Implementation of the custom-CRM support; not API. */
package io.github.whatsapphelpdesk.crm.internal;
