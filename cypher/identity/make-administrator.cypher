// Makes a principal a site administrator.
// @param id
MATCH (p:Principal {id: $id})
SET p.isAdministrator = true
