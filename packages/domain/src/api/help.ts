import * as z from 'zod/mini';
import { defineContract, problems } from './contract';
import { NewsContentSchema, NewsStatusSchema } from './notifications';

/**
 * The help centre (issue 25): questions and guides in five languages, by category, searchable
 * without tone marks; written and published by the communications role (drafts, publish,
 * unpublish, versions).
 */

const TAGS = ['help'];
const Id = z.string().check(z.regex(/^[1-9]\d{0,17}$/));

export const HELP_CATEGORIES = ['account', 'card', 'participation', 'benefits', 'services', 'other'] as const;
export const HelpCategorySchema = z.enum(HELP_CATEGORIES);
export const HelpKindSchema = z.enum(['faq', 'guide']);

/** Guide images: pictures the app serves (`/help/…`) or https addresses. */
const ImageUrl = z.string().check(z.regex(/^(\/[A-Za-z0-9/_.-]+|https:\/\/\S+)$/), z.maxLength(500));

export const HelpArticleSchema = z
  .object({
    id: z.string(),
    kind: HelpKindSchema,
    category: HelpCategorySchema,
    title: z.string(),
    body: z.string(),
    images: z.array(z.string()),
    updatedAt: z.string(),
  })
  .check(z.meta({ id: 'HelpArticle' }));
export type HelpArticle = z.infer<typeof HelpArticleSchema>;

export const searchHelp = defineContract({
  method: 'GET',
  path: '/api/v1/help/articles',
  access: 'public',
  scope: 'none',
  tags: TAGS,
  summary: 'Published questions and guides in the language of the request, best matches first',
  description:
    'The query matches without tone marks or case (`bao hiem` finds `bảo hiểm`) in any of the five languages; every word must match.',
  query: z.object({
    q: z.optional(z.string().check(z.maxLength(200))),
    category: z.optional(HelpCategorySchema),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
  }),
  responses: { 200: z.object({ items: z.array(HelpArticleSchema) }), ...problems(400, 429) },
});

export const readHelp = defineContract({
  method: 'GET',
  path: '/api/v1/help/articles/:id',
  access: 'public',
  scope: 'none',
  tags: TAGS,
  summary: 'One published question or guide (an unpublished one answers 404)',
  params: z.object({ id: Id }),
  responses: { 200: HelpArticleSchema, ...problems(400, 404, 429) },
});

export const HelpDraftSchema = z.object({
  kind: HelpKindSchema,
  category: HelpCategorySchema,
  content: NewsContentSchema,
  images: z.array(ImageUrl).check(z.maxLength(10)),
});
export type HelpDraft = z.input<typeof HelpDraftSchema>;

export const ManagedHelpSchema = z.object({
  id: z.string(),
  kind: HelpKindSchema,
  category: HelpCategorySchema,
  status: NewsStatusSchema,
  version: z.int(),
  content: NewsContentSchema,
  images: z.array(z.string()),
  updatedAt: z.string(),
});
export type ManagedHelp = z.infer<typeof ManagedHelpSchema>;

const COMMS = { roles: ['communications'] } as const;

export const listManagedHelp = defineContract({
  method: 'GET',
  path: '/api/v1/help/manage',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary: 'Every article, drafts included, newest first',
  responses: { 200: z.object({ items: z.array(ManagedHelpSchema) }), ...problems(401, 403, 429) },
});

export const createHelp = defineContract({
  method: 'POST',
  path: '/api/v1/help/manage',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary: 'Write a draft question or guide (version 1)',
  body: HelpDraftSchema,
  responses: { 201: ManagedHelpSchema, ...problems(400, 401, 403, 429) },
});

export const updateHelp = defineContract({
  method: 'PUT',
  path: '/api/v1/help/manage/:id',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary: 'Save a new version (a published article stays published with the new text)',
  params: z.object({ id: Id }),
  body: HelpDraftSchema,
  responses: { 200: ManagedHelpSchema, ...problems(400, 401, 403, 404, 429) },
});

export const setHelpStatus = defineContract({
  method: 'POST',
  path: '/api/v1/help/manage/:id/status',
  access: COMMS,
  scope: 'any',
  tags: TAGS,
  summary: 'Publish or unpublish (each a version)',
  params: z.object({ id: Id }),
  body: z.object({ status: z.enum(['published', 'unpublished']) }),
  responses: { 200: ManagedHelpSchema, ...problems(400, 401, 403, 404, 429) },
});
