/**
 * The completion scripts `sweeptop completion SHELL` prints. Each only hands the words typed so
 * far to `sweeptop __complete -- WORDS…` as arguments (never through a shell's evaluation) and
 * offers what it prints, one candidate a line; when it prints nothing, the shell completes file
 * names. So the scripts hold no list of commands or options, and never go stale.
 */
import { COMPLETE_COMMAND } from '../controller-command.js';

export type Shell = 'bash' | 'zsh' | 'fish';

export function completionScript(shell: Shell): string {
  return SCRIPTS[shell];
}

// mapfile, not $(…) in an array: that would expand a candidate's * or ? as a glob; printf %q
// escapes a space or a quote in a directory's name before readline inserts it
const BASH = `# sweeptop completion for bash: source <(sweeptop completion bash)
_sweeptop_complete() {
  local candidate
  local -a candidates
  mapfile -t candidates < <(command sweeptop ${COMPLETE_COMMAND} -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  COMPREPLY=()
  for candidate in "\${candidates[@]}"; do
    [[ -n $candidate ]] && COMPREPLY+=("$(printf '%q' "$candidate")")
  done
}
complete -o default -F _sweeptop_complete sweeptop
`;

// compadd quotes what it inserts; the last lines make the file work both sourced and autoloaded
// from $fpath (where its body is the function's)
const ZSH = `#compdef sweeptop
# sweeptop completion for zsh: source <(sweeptop completion zsh), after compinit
_sweeptop() {
  local -a candidates
  candidates=("\${(@f)$(command sweeptop ${COMPLETE_COMMAND} -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  candidates=("\${(@)candidates:#}")
  if (( \${#candidates} )); then
    compadd -- "\${candidates[@]}"
  else
    _files
  fi
}
if [[ "\${funcstack[1]}" == _sweeptop ]]; then
  _sweeptop "$@"
else
  compdef _sweeptop sweeptop
fi
`;

const FISH = `# sweeptop completion for fish: sweeptop completion fish > ~/.config/fish/completions/sweeptop.fish
function __sweeptop_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l candidates (command sweeptop ${COMPLETE_COMMAND} -- $words[2..-1] 2>/dev/null)
    if test (count $candidates) -gt 0
        printf '%s\\n' $candidates
    else
        __fish_complete_path (commandline -ct)
    end
end
complete -c sweeptop -f -a '(__sweeptop_complete)'
`;

const SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH };
