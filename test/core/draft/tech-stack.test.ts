import { describe, expect, it } from 'vitest';
import { detectStack, endpointFile, serviceFile } from '../../../src/core/plan/tech-stack.ts';

describe('detectStack', () => {
  it.each([
    [
      'Astro 5 z React 19. Backend: Supabase jako kompleksowe rozwiązanie backendowe. Walidacja: zod.',
      'astro',
      'supabase-locals',
      'zod',
    ],
    ['Next.js 15 App Router route handlers, Supabase, zod', 'nextjs', 'supabase', 'zod'],
    ['Node.js with Express.js, PostgreSQL via Prisma, Joi', 'express', 'orm', 'Joi'],
    ['NestJS 10 with TypeORM and class-validator', 'nestjs', 'orm', 'class-validator'],
    ['Fastify 5 on Node 22', 'fastify', 'unknown', undefined],
    ['Hono on Cloudflare Workers with Drizzle', 'hono', 'orm', undefined],
    [
      'React + Vite SPA; Supabase with Edge Functions for custom logic',
      'supabase-edge',
      'supabase',
      undefined,
    ],
    ['Backend: Python, Django, django-rest-framework; PostgreSQL', 'django', 'orm', 'DRF serializers'],
    ['FastAPI with SQLAlchemy', 'fastapi', 'orm', 'Pydantic'],
    ['Spring Boot 3 with Spring Data JPA', 'spring', 'orm', undefined],
    ['ASP.NET Core minimal API on .NET 9, EF Core, FluentValidation', 'dotnet', 'orm', 'FluentValidation'],
    [undefined, 'unknown', 'unknown', undefined],
    ['We write the backend in Elixir', 'unknown', 'unknown', undefined],
  ] as const)('%j', (text, framework, db, validation) => {
    const stack = detectStack(text);
    expect(stack.framework).toBe(framework);
    expect(stack.db.kind).toBe(db);
    expect(stack.validation).toBe(validation);
  });

  it('prefers the framework the doc keeps naming over one it mentions once', () => {
    const text =
      'Astro 5 pages and Astro API routes (src/pages/api), not Edge Functions. Astro middleware sets locals.';
    expect(detectStack(text).framework).toBe('astro');
  });

  it('keeps a given types path', () => {
    expect(detectStack('Astro', 'src/lib/types.ts').typesPath).toBe('src/lib/types.ts');
  });
});

describe('endpointFile and serviceFile', () => {
  const astro = detectStack('Astro with Supabase');
  it.each([
    ['/api/flashcards/{id}/review', 'src/pages/api/flashcards/[id]/review.ts'],
    ['/api/flashcards/:id', 'src/pages/api/flashcards/[id].ts'],
    ['/api/flashcards', 'src/pages/api/flashcards/index.ts'],
    ['/api/v1/flashcards/', 'src/pages/api/v1/flashcards/index.ts'],
    ['/api/flashcards?page=1', 'src/pages/api/flashcards/index.ts'],
  ])('astro: %s → %s', (path, file) => {
    expect(endpointFile(astro, path)).toBe(file);
  });

  it('places Next.js route handlers under app/', () => {
    expect(endpointFile(detectStack('Next.js'), '/api/flashcards/{id}/review')).toBe(
      'app/api/flashcards/[id]/review/route.ts',
    );
  });

  it('has services in src/lib/services for Astro and nothing for an unknown stack', () => {
    expect(serviceFile(astro, 'flashcards')).toBe('src/lib/services/flashcards.service.ts');
    expect(serviceFile(detectStack(undefined), 'flashcards')).toBeUndefined();
    expect(endpointFile(detectStack(undefined), '/api/flashcards')).toBeUndefined();
  });
});
