/** MicroProfile Health checks: ready once the session database answers, live while the sweeper runs. */
package io.sessiondb.operations.health;
