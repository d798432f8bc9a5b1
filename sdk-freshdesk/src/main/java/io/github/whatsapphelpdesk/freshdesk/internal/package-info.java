/** Implementation of the Freshdesk adapter (OkHttp, Moshi DTOs, pacing). Not API. */
package io.github.whatsapphelpdesk.freshdesk.internal;
