/**
 * Implementation of the shared HTTP plumbing (the retry loop, Moshi JSON, Bucket4j pacing glue). Not
 * API: used by the client and the adapter modules of this project, may change in any release.
 */
package io.github.whatsapphelpdesk.http.internal;
