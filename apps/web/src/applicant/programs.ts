import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { Schemas } from '../api/client';

export type Program = Schemas['ProgramResponse'];
export type FactField = Schemas['FactFieldResponse'];

export function usePrograms() {
  return useQuery({ queryKey: ['programs'], queryFn: () => call(api.GET('/programs')), staleTime: 60_000 });
}

export function useProgram(code: string) {
  return useQuery({
    queryKey: ['programs', code],
    queryFn: () => call(api.GET('/programs/{code}', { params: { path: { code } } })),
    staleTime: 60_000,
  });
}
