/** Implementation of the Cloud API sandbox; not a public API, may change without notice. */
package io.github.whatsapphelpdesk.testkit.sandbox.internal;
