import { Resolver } from 'type-graphql';

/** createUser, updateUser, deactivateUser. */
@Resolver()
export class UserMutationResolver {}
