import { Body, Controller, Headers, HttpCode, Inject, Logger, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { AppConfig } from '@aidflow/config';
import { buildDataConverter } from '@aidflow/temporal';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { fromJsonPayloads, toJsonPayloads } from './codec-payloads';
import type { JsonPayloads } from './codec-payloads';

const PAYLOADS_SCHEMA = {
  type: 'object',
  required: ['payloads'],
  properties: {
    payloads: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          metadata: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
          data: { type: 'string', format: 'byte' },
        },
      },
    },
  },
};

/**
 * Codec server for the Temporal Web UI and CLI (Temporal's codec-server protocol): runs payloads through the same
 * codecs as the clients and workers. Decrypting personal data is for auditors and administrators only; encoding
 * (used when starting or signalling a workflow from the UI) for administrators only.
 */
@ApiTags('codec')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Namespace', required: false, description: 'Sent by the Temporal Web UI; must be ours' })
@ApiErrors({
  400: 'VALIDATION_FAILED: malformed payloads, another namespace, or undecryptable',
  401: 'UNAUTHENTICATED: no or invalid bearer token',
  403: 'FORBIDDEN: wrong role',
})
@Controller('codec')
export class CodecController {
  private readonly logger = new Logger('Codec');
  private readonly codecs: PayloadCodec[];

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.codecs = buildDataConverter(config).payloadCodecs ?? [];
  }

  @Post('decode')
  @HttpCode(200)
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Decrypt Temporal payloads (codec-server protocol), for the Temporal Web UI and CLI' })
  @ApiBody({ schema: PAYLOADS_SCHEMA })
  @ApiOkResponse({ description: 'The same payloads, decoded', schema: PAYLOADS_SCHEMA })
  async decode(
    @CurrentUser() user: Principal,
    @Headers('x-namespace') namespace: string | undefined,
    @Body() body: unknown,
  ): Promise<JsonPayloads> {
    this.checkNamespace(namespace);
    const payloads = fromJsonPayloads(body);
    const decoded = await this.run(payloads, (codec, batch) => codec.decode(batch), [...this.codecs].reverse());
    this.logger.log(`${user.username} (${user.role}) decoded ${payloads.length} payload(s)`);
    return toJsonPayloads(decoded);
  }

  @Post('encode')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Encrypt payloads (codec-server protocol), for input typed into the Temporal Web UI' })
  @ApiBody({ schema: PAYLOADS_SCHEMA })
  @ApiOkResponse({ description: 'The same payloads, encoded', schema: PAYLOADS_SCHEMA })
  async encode(@Headers('x-namespace') namespace: string | undefined, @Body() body: unknown): Promise<JsonPayloads> {
    this.checkNamespace(namespace);
    const encoded = await this.run(fromJsonPayloads(body), (codec, batch) => codec.encode(batch), this.codecs);
    return toJsonPayloads(encoded);
  }

  /** One payload at a time through the codec chain, so a failure names the payload it concerns. */
  private async run(
    payloads: Payload[],
    step: (codec: PayloadCodec, batch: Payload[]) => Promise<Payload[]>,
    chain: PayloadCodec[],
  ): Promise<Payload[]> {
    const out: Payload[] = [];
    for (const [i, payload] of payloads.entries()) {
      let current = [payload];
      try {
        for (const codec of chain) current = await step(codec, current);
      } catch (err) {
        throw new ApplicationException(
          ErrorCode.ValidationFailed,
          `payloads[${i}]: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      out.push(...current);
    }
    return out;
  }

  private checkNamespace(namespace: string | undefined): void {
    const ours = this.config.temporal.namespace;
    if (namespace !== undefined && namespace.trim() !== '' && namespace.trim() !== ours) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        `Header X-Namespace "${namespace}" is not served here; this codec serves namespace "${ours}"`,
      );
    }
  }
}
