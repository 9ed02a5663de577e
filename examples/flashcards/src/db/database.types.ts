export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
      flashcards: {
        Row: {
          back: string;
          created_at: string;
          due_at: string;
          ease_factor: number;
          front: string;
          generation_id: number | null;
          id: number;
          interval_days: number;
          source: Database["public"]["Enums"]["flashcard_source"];
          updated_at: string;
          user_id: string;
        };
        Insert: {
          back: string;
          created_at?: string;
          due_at?: string;
          ease_factor?: number;
          front: string;
          generation_id?: number | null;
          id?: number;
          interval_days?: number;
          source: Database["public"]["Enums"]["flashcard_source"];
          updated_at?: string;
          user_id: string;
        };
        Update: {
          back?: string;
          created_at?: string;
          due_at?: string;
          ease_factor?: number;
          front?: string;
          generation_id?: number | null;
          id?: number;
          interval_days?: number;
          source?: Database["public"]["Enums"]["flashcard_source"];
          updated_at?: string;
          user_id?: string;
        };
      };
      generations: {
        Row: {
          accepted_edited_count: number;
          accepted_unedited_count: number;
          created_at: string;
          generated_count: number;
          generation_duration_ms: number;
          id: number;
          model: string;
          source_text_hash: string;
          source_text_length: number;
          updated_at: string;
          user_id: string;
        };
        Insert: {
          accepted_edited_count?: number;
          accepted_unedited_count?: number;
          created_at?: string;
          generated_count: number;
          generation_duration_ms: number;
          id?: number;
          model: string;
          source_text_hash: string;
          source_text_length: number;
          updated_at?: string;
          user_id: string;
        };
        Update: {
          accepted_edited_count?: number;
          accepted_unedited_count?: number;
          created_at?: string;
          generated_count?: number;
          generation_duration_ms?: number;
          id?: number;
          model?: string;
          source_text_hash?: string;
          source_text_length?: number;
          updated_at?: string;
          user_id?: string;
        };
      };
      generation_error_logs: {
        Row: {
          created_at: string;
          error_code: string;
          error_message: string;
          id: number;
          model: string;
          source_text_hash: string;
          source_text_length: number;
          user_id: string;
        };
        Insert: {
          created_at?: string;
          error_code: string;
          error_message: string;
          id?: number;
          model: string;
          source_text_hash: string;
          source_text_length: number;
          user_id: string;
        };
        Update: {
          created_at?: string;
          error_code?: string;
          error_message?: string;
          id?: number;
          model?: string;
          source_text_hash?: string;
          source_text_length?: number;
          user_id?: string;
        };
      };
      reviews: {
        Row: {
          flashcard_id: number;
          grade: number;
          id: number;
          interval_days: number;
          reviewed_at: string;
          user_id: string;
        };
        Insert: {
          flashcard_id: number;
          grade: number;
          id?: number;
          interval_days: number;
          reviewed_at?: string;
          user_id: string;
        };
        Update: {
          flashcard_id?: number;
          grade?: number;
          id?: number;
          interval_days?: number;
          reviewed_at?: string;
          user_id?: string;
        };
      };
    };
    Views: Record<never, never>;
    Functions: Record<never, never>;
    Enums: {
      flashcard_source: "ai-full" | "ai-edited" | "manual";
    };
  };
};

type PublicSchema = Database["public"];

export type Tables<T extends keyof PublicSchema["Tables"]> = PublicSchema["Tables"][T]["Row"];
export type TablesInsert<T extends keyof PublicSchema["Tables"]> = PublicSchema["Tables"][T]["Insert"];
export type TablesUpdate<T extends keyof PublicSchema["Tables"]> = PublicSchema["Tables"][T]["Update"];
export type Enums<T extends keyof PublicSchema["Enums"]> = PublicSchema["Enums"][T];
