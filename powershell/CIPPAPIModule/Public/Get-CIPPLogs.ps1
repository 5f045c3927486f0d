function Get-CIPPLogs {
    <#
    .SYNOPSIS
    Gets entries from the CIPP log (the Logbook).

    .DESCRIPTION
    Get-CIPPLogs reads CIPP's log through GET /api/ListLogs in filtered mode. By default it returns today's
    entries (today by this computer's local date). Use -StartDate and -EndDate for a range of days and -Severity
    to keep only one level. Each log entry is written to the pipeline as its own object, with the properties
    exactly as CIPP returns them.

    The CIPP server files entries under its own time zone (UTC unless configured otherwise), so around midnight
    "today" here can differ from the server's today; pass -DateFilter explicitly when that matters.

    .PARAMETER Severity
    Only entries of this level: error, alert, debug, info, warn or critical.

    .PARAMETER DateFilter
    The day to read, as yyyyMMdd (for example 20250131). Defaults to today's local date. A [datetime], an ISO
    date (2025-01-31) or a typed day such as 31/01/2025 is sent as yyyyMMdd too; a typed day that reads both ways
    (02/12/2025: 2 December or February 12) is refused rather than guessed.

    .PARAMETER StartDate
    The first day of a range, as yyyyMMdd, a [datetime] such as (Get-Date).AddDays(-7), or an ISO date. Used
    together with -EndDate.

    .PARAMETER EndDate
    The last day of a range, as yyyyMMdd, a [datetime] or an ISO date. Used together with -StartDate.

    .EXAMPLE
    Get-CIPPLogs -Severity 'Alert'

    Returns today's alert entries.

    .EXAMPLE
    Get-CIPPLogs -StartDate 20250101 -EndDate 20250107 | Group-Object Severity

    Reads a week of entries and counts them by severity.

    .EXAMPLE
    Get-CIPPLogs -StartDate (Get-Date).AddDays(-7) -EndDate (Get-Date) -Severity error

    Reads the errors of the last seven days; the dates are sent as yyyyMMdd.

    .OUTPUTS
    System.Management.Automation.PSCustomObject
    #>
    [CmdletBinding()]
    param(
        [ValidateSet('error', 'alert', 'debug', 'info', 'warn', 'critical')]
        [string]$Severity,
        [string]$DateFilter = (Get-Date -Format 'yyyyMMdd'),
        [string]$StartDate,
        [string]$EndDate
    )

    $client = $script:CIPPClient
    if ($null -eq $client -or $client.IsDisposed) { $client = Get-CIPPClientInstance }
    # Only what the caller gave is passed on: the library owns the defaults (today's DateFilter, empty StartDate and
    # EndDate) and the query shape. The parameter default above is 1.2.12's visible surface only.
    $filters = @{}
    if ($PSBoundParameters.Count) {
        foreach ($name in 'Severity', 'DateFilter', 'StartDate', 'EndDate') {
            if ($PSBoundParameters.ContainsKey($name)) { $filters[$name] = $PSBoundParameters[$name] }
        }
    }
    # Verbose lines only when they show (Write-Verbose costs a tenth of a small call even when silent).
    if ($VerbosePreference -ne 'SilentlyContinue') {
        Write-Verbose 'Getting CIPP Logs'
        Write-Verbose "GET [ $([CippApi.InvokeCippRequestCommand]::LogsUrl($client, $filters)) ]"
    }
    # The compiled engine, called with this command's own $PSCmdlet: no nested command on the hot path.
    [CippApi.InvokeCippRequestCommand]::GetLogs($PSCmdlet, $client, $filters)
}
