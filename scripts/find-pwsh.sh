# Sourced by the other scripts: sets PWSH to a PowerShell 7 executable, or empty.
# Order: $PWSH if set, `pwsh` on PATH, then the bundled copy next to the checkout (../shared/tools/pwsh).
if [ -z "${PWSH:-}" ]; then
  if command -v pwsh >/dev/null 2>&1; then
    PWSH=$(command -v pwsh)
  elif [ -x "$(dirname "$ROOT")/shared/tools/pwsh" ]; then
    PWSH="$(dirname "$ROOT")/shared/tools/pwsh"
  else
    PWSH=""
  fi
fi
