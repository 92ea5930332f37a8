// Replaces the Cockpit configuration of the Camunda webapp jar (whose settings are all commented-out examples): the
// Spring Boot starter serves the first app/cockpit/scripts/config.js on the classpath, and the application's comes
// first. Paths are relative to /camunda/app/cockpit/.
export default {
  customScripts: ['scripts/audit-trail-link']
};
