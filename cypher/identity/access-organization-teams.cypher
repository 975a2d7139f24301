// The teams of the given organizations.
// @param organizations
UNWIND $organizations AS organization
MATCH (t:Namespace {organizationId: organization, kind: 'TEAM'})
RETURN t.id AS id
