function Wait-CIPPQueue {
    <#
    .SYNOPSIS
    Waits until a CIPP queue item (a background job) has finished and returns it.

    .DESCRIPTION
    Many CIPP actions run in the background and answer with a queue item instead of a result (for example a cache
    refresh or an AllTenants Graph request). Wait-CIPPQueue polls GET /api/ListCippQueue?QueueId=<id> every
    -PollIntervalSeconds until the item's Status is "Completed" or "Completed (with errors)", then returns the
    queue item (Name, Status, TotalTasks, CompletedTasks, FailedTasks, Tasks, ...). "Completed (with errors)"
    also writes a warning with the number of failed tasks. Progress is shown with Write-Progress and each poll in
    the verbose stream.

    When the item has not finished within -TimeoutSeconds, the command stops with an OperationTimeout error that
    names the queue item and its last status (the job keeps running on the server; wait again to pick it up).
    Ctrl+C stops waiting at once. Added by this module (not in CIPPAPIModule 1.2.12).

    .PARAMETER QueueId
    The queue item's ID (the RowKey of a ListCippQueue entry, or the QueueId in the Metadata of a queued answer).

    .PARAMETER TimeoutSeconds
    How long to wait at most, in seconds (default 600).

    .PARAMETER PollIntervalSeconds
    Seconds between polls (default 5; fractions such as 0.5 are allowed).

    .EXAMPLE
    $answer = Invoke-CIPPRestMethod -Endpoint '/api/ExecCIPPDBCache' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' }
    Wait-CIPPQueue -QueueId $answer.Metadata.QueueId

    Starts a cache refresh and waits for it to finish.

    .EXAMPLE
    Wait-CIPPQueue -QueueId $id -TimeoutSeconds 60 -PollIntervalSeconds 2 -Verbose

    Polls every two seconds for at most a minute and shows each poll.

    .OUTPUTS
    System.Management.Automation.PSCustomObject
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Alias('RowKey')]
        [guid]$QueueId,

        [ValidateRange(1, 86400)]
        [int]$TimeoutSeconds = 600,

        [ValidateRange(0, 3600)]
        [double]$PollIntervalSeconds = 5
    )
    process {
        $id = $QueueId.ToString()
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $last = $null
        $activity = "Waiting for CIPP queue item $id"
        try {
            while ($true) {
                $item = @(Invoke-CIPPRestMethod -Endpoint '/api/ListCippQueue' -Params @{ QueueId = $id }) |
                    Where-Object { $_ -and [string]$_.RowKey -eq $id } | Select-Object -First 1
                if ($item) {
                    $last = $item
                    $status = [string]$item.Status
                    Write-Verbose "Queue item $id ($($item.Name)): $status, $($item.PercentComplete)% complete after $([int]$watch.Elapsed.TotalSeconds) s"
                    $pct = 0
                    if ([double]::TryParse([string]$item.PercentComplete, [ref]$pct)) { $pct = [int][math]::Min(100, [math]::Max(0, $pct)) }
                    Write-Progress -Activity $activity -Status "$status ($($item.Name))" -PercentComplete $pct
                    if ($status -eq 'Completed' -or $status -like 'Completed (*') {
                        if ($status -ne 'Completed') {
                            Write-Warning "Queue item $id ($($item.Name)) finished with errors: $($item.FailedTasks) of $($item.TotalTasks) task(s) failed."
                        }
                        return $item
                    }
                } else {
                    Write-Verbose "Queue item $id is not in the queue (yet) after $([int]$watch.Elapsed.TotalSeconds) s"
                }
                $remaining = $TimeoutSeconds - $watch.Elapsed.TotalSeconds
                if ($remaining -le 0) { break }
                Start-Sleep -Milliseconds ([int](1000 * [math]::Min($PollIntervalSeconds, $remaining)))
            }
            $state = if ($last) { "its last status was '$($last.Status)' ($($last.PercentComplete)% complete)" } else { 'it never appeared in the queue (check the ID)' }
            $exception = [System.TimeoutException]::new(
                "Queue item $id did not complete within $TimeoutSeconds s; $state. The job keeps running on the server: run Wait-CIPPQueue again, or raise -TimeoutSeconds.")
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                    $exception, 'CIPPAPI.QueueTimeout', [System.Management.Automation.ErrorCategory]::OperationTimeout, $id))
        } finally {
            Write-Progress -Activity $activity -Completed
        }
    }
}
