# CIPPAPIModule command catalog: Settings commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        @{
            Name = 'Invoke-CIPPSchedulerBillingRun'
            Folder = 'Settings'
            Synopsis = 'Starts the CIPP scheduler billing run.'
            Method = 'POST'
            Endpoint = '/api/ExecSchedulerBillingRun'
        }
    )
}
