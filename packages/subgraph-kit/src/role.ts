import { Role } from '@holovitals/auth';
import { registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role', description: 'What a principal may do across HoloVitals.' });

export { hasRole, Role, type Principal } from '@holovitals/auth';
