/** Framework-neutral HTTP request and response values for webhook endpoints. */
package io.github.whatsapphelpdesk.http;
