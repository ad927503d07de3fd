import { lookup as dnsLookup } from 'node:dns';
import type http from 'node:http';
import type https from 'node:https';
import { isIP } from 'node:net';
import { classifyAddress } from './address-classification.js';
import { checkedLookup, type OutboundLookup } from './checked-lookup.js';
import { guardedAgents } from './guarded-agents.js';
import { OutboundAllowance, normalizeHost } from './outbound-allowance.js';
import { OutboundRefusedError } from './outbound-refused-error.js';
import { dropCredentialHeaders, sameOrigin } from './redirect-headers.js';

type Agents = { readonly http: http.Agent; readonly https: https.Agent };

/** Redirects a fetch on someone else's behalf follows at most (webhooks follow none). */
export const MAX_REDIRECTS = 5;

export interface OutboundPolicyOptions {
  /** What the operator allows in spite of the rules (SOUK_OUTBOUND_ALLOW); nothing by default. */
  readonly allow?: OutboundAllowance;
  /** Resolves host names when a connection opens; `dns.lookup` by default. */
  readonly lookup?: OutboundLookup;
}

/** The request options follow-redirects hands to `beforeRedirect`, as far as the policy reads them. */
export interface RedirectOptions {
  href?: string;
  protocol?: string;
  host?: string;
  path?: string;
  headers?: Record<string, unknown>;
  auth?: unknown;
}

/**
 * Where Souk may send a request on someone else's behalf (a retailer's feed, shop or order
 * endpoint, a channel's webhook): http and https URLs without credentials in them, to global
 * unicast addresses only, unless the operator's allowance names the host or range. It is checked
 * when a URL is saved (without DNS: `checkUrl`), at every redirect (`beforeRedirect`) and at every
 * connection (`agents`), where host names are resolved and each address checked.
 */
export class OutboundPolicy {
  readonly allowance: OutboundAllowance;
  private readonly resolve: OutboundLookup;
  private agentPair: Agents | undefined;
  private freshAgentPair: Agents | undefined;

  constructor(options: OutboundPolicyOptions = {}) {
    this.allowance = options.allow ?? OutboundAllowance.none();
    this.resolve = options.lookup ?? dnsLookup;
  }

  /**
   * The refusal of a URL that can be judged without DNS (scheme, credentials, IP literal, localhost); null when it may
   * be fetched.
   */
  checkUrl(url: string | URL): OutboundRefusedError | null {
    let parsed: URL;
    try {
      parsed = typeof url === 'string' ? new URL(url) : url;
    } catch {
      return new OutboundRefusedError('invalid-url', 'this is not a valid URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return new OutboundRefusedError(
        'scheme',
        `only http and https URLs are fetched, not ${parsed.protocol.replace(/:$/, '')}`,
      );
    }
    if (parsed.username !== '' || parsed.password !== '') {
      return new OutboundRefusedError(
        'credentials-in-url',
        'the URL contains a user name or password; give credentials in the secret fields instead',
      );
    }
    const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
    return this.checkHost(parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port);
  }

  /** Throws the refusal of checkUrl. */
  assertUrl(url: string | URL): void {
    const refusal = this.checkUrl(url);
    if (refusal) throw refusal;
  }

  /** The refusal of a host (an IP address or a name) and port before any DNS; null when it may be tried. */
  checkHost(host: string, port: number): OutboundRefusedError | null {
    if (isIP(host) !== 0) return this.checkAddress(host, port);
    const name = normalizeHost(host);
    if (this.allowance.allowsHost(name, port)) return null;
    if ((name === 'localhost' || name.endsWith('.localhost')) && !this.allowance.allowsAddress('127.0.0.1', port)) {
      return new OutboundRefusedError('loopback', `${name} is a loopback name`);
    }
    return null;
  }

  /** HTTP and HTTPS agents that check every connection they open, and keep connections alive for the next request. */
  get agents(): Agents {
    this.agentPair ??= guardedAgents(this.guard, { keepAlive: true });
    return this.agentPair;
  }

  /**
   * The same checks, with a new connection for every request: for a POST, which must not go out on
   * a kept connection that the server may be closing at that moment, since it cannot safely be
   * sent again.
   */
  get freshAgents(): Agents {
    this.freshAgentPair ??= guardedAgents(this.guard, { keepAlive: false });
    return this.freshAgentPair;
  }

  private readonly guard = {
    connect: (host: string, port: number) => {
      const refusal = this.checkHost(host, port);
      if (refusal) return refusal;
      if (isIP(host) !== 0) return { lookup: undefined };
      // An allowed name is allowed whatever it resolves to.
      if (this.allowance.allowsHost(host, port)) return { lookup: checkedLookup(this.resolve, () => null) };
      return {
        lookup: checkedLookup(this.resolve, (name: string, address: string) => this.checkAddress(address, port, name)),
      };
    },
  };

  /**
   * For axios' `beforeRedirect` (follow-redirects): refuses a redirect the policy would refuse as
   * a URL, and drops the caller's credentials (every header but a few safe ones, and basic auth)
   * when it leads to another origin. The connection itself is checked again by the agents.
   */
  readonly beforeRedirect = (options: RedirectOptions, _response?: unknown, request?: { url?: string }): void => {
    const target = options.href ?? `${options.protocol ?? 'http:'}//${options.host ?? ''}${options.path ?? '/'}`;
    const refusal = this.checkUrl(target);
    if (refusal) throw refusal;
    if (!request?.url || !sameOrigin(request.url, target)) {
      dropCredentialHeaders(options.headers);
      delete options.auth;
    }
  };

  private checkAddress(address: string, port: number, name?: string): OutboundRefusedError | null {
    if (this.allowance.allowsAddress(address, port)) return null;
    const refused = classifyAddress(address);
    if (!refused) return null;
    return new OutboundRefusedError(
      refused.rule,
      name === undefined
        ? `${address} is ${refused.description}`
        : `${name} resolves to ${address}, ${refused.description}`,
    );
  }
}
