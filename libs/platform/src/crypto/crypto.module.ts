import { Global, Module, type DynamicModule } from '@nestjs/common';
import { SecretBox } from './secret-box.js';

/** Provides the SecretBox that seals secrets at rest with the process's encryption key. */
@Global()
@Module({})
export class CryptoModule {
  static forRoot(encryptionKey: Buffer): DynamicModule {
    return {
      module: CryptoModule,
      providers: [{ provide: SecretBox, useValue: new SecretBox(encryptionKey) }],
      exports: [SecretBox],
    };
  }
}
