/** Implementation details of the Micrometer module; not API. */
package io.github.whatsapphelpdesk.micrometer.internal;
