import * as ibantools from 'ibantools';

export { ibantools };
