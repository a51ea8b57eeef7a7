import { Resolver } from 'type-graphql';

/** createAdministration, updateAdministration, archiveAdministration. */
@Resolver()
export class AdministrationMutationResolver {}
