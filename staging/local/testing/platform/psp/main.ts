import { runSimpleService } from '../../stub-service.ts';

await runSimpleService('psp');
