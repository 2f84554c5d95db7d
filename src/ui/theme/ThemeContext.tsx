import { createContext, useContext } from 'react';
import { colourTheme, type Theme } from './theme.js';

/** Provided once by the App; components read colours with useTheme(). */
export const ThemeContext = createContext<Theme>(colourTheme);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
