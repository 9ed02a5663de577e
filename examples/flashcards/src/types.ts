import type { Tables, TablesInsert } from "./db/database.types";

// ------------------------------------------------------------------------------------------------
// Entities: rows as stored in the database
// ------------------------------------------------------------------------------------------------

export type Flashcard = Tables<"flashcards">;
export type FlashcardInsert = TablesInsert<"flashcards">;
export type Generation = Tables<"generations">;
export type GenerationErrorLog = Tables<"generation_error_logs">;
export type Review = Tables<"reviews">;

/** Where a flashcard came from: accepted as generated, edited after generation, or written by hand. */
export type FlashcardSource = "ai-full" | "ai-edited" | "manual";

// ------------------------------------------------------------------------------------------------
// Shared
// ------------------------------------------------------------------------------------------------

/** Pagination block of every list response. */
export interface PaginationDto {
  page: number;
  limit: number;
  total: number;
}

/** A page of items as returned by the list endpoints. */
export interface PaginatedResponseDto<T> {
  data: T[];
  pagination: PaginationDto;
}

/** Query parameters shared by the list endpoints. */
export interface PaginationQuery {
  page?: number;
  limit?: number;
}

// ------------------------------------------------------------------------------------------------
// Flashcards
// ------------------------------------------------------------------------------------------------

/** A flashcard as the API returns it (no `user_id`, no scheduling internals). */
export type FlashcardDto = Pick<
  Flashcard,
  "id" | "front" | "back" | "source" | "generation_id" | "due_at" | "created_at" | "updated_at"
>;

/** Query of GET /api/flashcards. */
export interface FlashcardsListQuery extends PaginationQuery {
  sort?: "created_at" | "updated_at" | "due_at";
  order?: "asc" | "desc";
  source?: FlashcardSource;
  due?: boolean;
}

/** Response of GET /api/flashcards. */
export type FlashcardsListResponseDto = PaginatedResponseDto<FlashcardDto>;

/** One flashcard to create; `generation_id` is required for AI sources and null for manual ones. */
export interface FlashcardCreateDto {
  front: string;
  back: string;
  source: FlashcardSource;
  generation_id: number | null;
}

/** Body of POST /api/flashcards. */
export interface CreateFlashcardsCommand {
  flashcards: FlashcardCreateDto[];
}

/** Response of POST /api/flashcards. */
export interface CreateFlashcardsResponseDto {
  data: Pick<FlashcardDto, "id" | "front" | "back" | "source" | "generation_id">[];
}

/** Body of PUT /api/flashcards/{id}. */
export type UpdateFlashcardCommand = Pick<FlashcardInsert, "front" | "back">;

// ------------------------------------------------------------------------------------------------
// Study
// ------------------------------------------------------------------------------------------------

/** Body of POST /api/flashcards/{id}/review: 1 = again, 2 = hard, 3 = good, 4 = easy. */
export interface ReviewFlashcardCommand {
  grade: 1 | 2 | 3 | 4;
}

/** Response of POST /api/flashcards/{id}/review: the card's new schedule. */
export interface ReviewResultDto {
  review_id: Review["id"];
  flashcard_id: Flashcard["id"];
  grade: Review["grade"];
  interval_days: number;
  ease_factor: number;
  due_at: string;
}

// ------------------------------------------------------------------------------------------------
// Generations
// ------------------------------------------------------------------------------------------------

/** Body of POST /api/generations. */
export interface GenerateFlashcardsCommand {
  source_text: string;
}

/** One proposal returned by the model; not saved until the user accepts it. */
export interface FlashcardProposalDto {
  front: string;
  back: string;
  source: "ai-full";
}

/** Response of POST /api/generations. */
export interface GenerationCreateResponseDto {
  generation_id: Generation["id"];
  flashcards_proposals: FlashcardProposalDto[];
  generated_count: number;
}

/** A generation as listed by GET /api/generations. */
export type GenerationDto = Omit<Generation, "user_id" | "source_text_hash" | "updated_at">;

/** Response of GET /api/generations/{id}: the generation and the cards saved from it. */
export interface GenerationDetailDto extends GenerationDto {
  flashcards: FlashcardDto[];
}

// ------------------------------------------------------------------------------------------------
// Generation error logs
// ------------------------------------------------------------------------------------------------

/** A failed generation as listed by GET /api/generation-error-logs. */
export type GenerationErrorLogDto = Omit<GenerationErrorLog, "user_id" | "source_text_hash">;
