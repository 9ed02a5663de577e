export type DeckVisibility = 'private' | 'public';

export interface DeckDto {
  id: string;
  name: string;
  visibility: DeckVisibility;
}

export interface CreateDeckCommand {
  name: string;
  visibility?: DeckVisibility;
}

export interface CardDto {
  id: string;
  front: string;
  back: string;
}
