# Helpers for the Pester tests: start/stop the cipp-mock server, read its request recorder, inject faults, and
# import the module from the source tree against the debug native library. Nothing here sets global state
# except Import-CippModuleForTest (environment variables for the module, documented below).

$script:RepoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))

function Get-CippRepoRoot {
    <#
    .SYNOPSIS
    The repository root (two levels above tests/powershell).
    #>
    $script:RepoRoot
}

function Get-CippNativeLibraryPath {
    <#
    .SYNOPSIS
    The debug build of the native library for this OS (target/debug/...), built with cargo when missing.
    #>
    $file = if ($IsWindows) { 'cippapi.dll' } elseif ($IsMacOS) { 'libcippapi.dylib' } else { 'libcippapi.so' }
    $path = [System.IO.Path]::Combine($script:RepoRoot, 'target', 'debug', $file)
    if (-not [System.IO.File]::Exists($path)) {
        Invoke-CippCargoBuild -Arguments @('build', '-p', 'cippapi')
    }
    $path
}

function Invoke-CippCargoBuild {
    # Runs cargo in the repository; throws with cargo's output when it fails.
    param([string[]]$Arguments)
    Push-Location $script:RepoRoot
    try {
        $output = & cargo @Arguments 2>&1 | Out-String
        if ($LASTEXITCODE -ne 0) { throw "cargo $($Arguments -join ' ') failed:`n$output" }
    } finally {
        Pop-Location
    }
}

function Start-CippMock {
    <#
    .SYNOPSIS
    Starts target/debug/cipp-mock on random loopback ports and returns its connection details.

    .DESCRIPTION
    Builds the mock with `cargo build -p cipp-mock` when the binary is missing, starts it with --ready-file
    and --state-dir in a fresh temporary folder and a partner tenant id of its own, and waits (bounded) for
    the ready file. Returns a PSCustomObject with the ready line's fields (http, https, ca_file, tenant_id,
    client_id, client_secret) plus Process and StateDir for Stop-CippMock. Sets no global or environment
    state.

    .PARAMETER TimeoutSeconds
    How long to wait for the ready file.

    .PARAMETER ArgumentList
    Extra command-line arguments for cipp-mock (e.g. '--client', 'id:secret:readonly').
    #>
    [CmdletBinding()]
    param(
        [int]$TimeoutSeconds = 30,
        [string[]]$ArgumentList = @()
    )
    $exe = [System.IO.Path]::Combine($script:RepoRoot, 'target', 'debug', $(if ($IsWindows) { 'cipp-mock.exe' } else { 'cipp-mock' }))
    if (-not [System.IO.File]::Exists($exe)) {
        Invoke-CippCargoBuild -Arguments @('build', '-p', 'cipp-mock')
    }
    $stateDir = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "cipp-mock-$([guid]::NewGuid().ToString('N'))")
    $null = [System.IO.Directory]::CreateDirectory($stateDir)
    $ready = [System.IO.Path]::Combine($stateDir, 'ready.json')
    $arguments = @('--ready-file', $ready, '--state-dir', $stateDir) + $ArgumentList
    # A tenant id of its own: the library caches tokens per process by token URL, and a later mock on a
    # dropped one's port would otherwise be handed the old mock's token (a 401 and a repeated call).
    if ($ArgumentList -notcontains '--tenant') {
        $arguments += @('--tenant', [guid]::NewGuid().ToString())
    }
    $process = Start-Process -FilePath $exe -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput ([System.IO.Path]::Combine($stateDir, 'stdout.txt')) `
        -RedirectStandardError ([System.IO.Path]::Combine($stateDir, 'stderr.txt'))
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not [System.IO.File]::Exists($ready)) {
        if ($process.HasExited) {
            $err = Get-Content -Raw -LiteralPath ([System.IO.Path]::Combine($stateDir, 'stderr.txt')) -ErrorAction Ignore
            throw "cipp-mock exited with code $($process.ExitCode) before it was ready: $err"
        }
        if ([DateTime]::UtcNow -gt $deadline) {
            Stop-Process -Id $process.Id -ErrorAction Ignore
            throw "cipp-mock did not write its ready file '$ready' within $TimeoutSeconds s."
        }
        Start-Sleep -Milliseconds 20
    }
    $info = Get-Content -Raw -LiteralPath $ready | ConvertFrom-Json
    $info | Add-Member -NotePropertyName Process -NotePropertyValue $process
    $info | Add-Member -NotePropertyName StateDir -NotePropertyValue $stateDir
    $info
}

function Stop-CippMock {
    <#
    .SYNOPSIS
    Stops a mock started by Start-CippMock (by its process id) and removes its state folder.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Mock)
    process {
        if ($Mock.Process -and -not $Mock.Process.HasExited) {
            Stop-Process -Id $Mock.Process.Id -Force -ErrorAction Ignore
            $null = $Mock.Process.WaitForExit(5000)
        }
        if ($Mock.StateDir -and (Test-Path -LiteralPath $Mock.StateDir)) {
            Remove-Item -LiteralPath $Mock.StateDir -Recurse -Force -ErrorAction Ignore
        }
    }
}

function Get-CippMockRequest {
    <#
    .SYNOPSIS
    The requests the mock recorded ({seq, method, path, raw_query, query, headers, auth, content_type, body,
    listener}), optionally only those whose path equals -Path (case-insensitive; compare .path with -ceq to
    check case) or matches -Like.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Mock,
        [string]$Path,
        [string]$Like
    )
    $all = Invoke-RestMethod -Uri "$($Mock.http)/_mock/requests" -Method Get -NoProxy
    foreach ($request in $all) {
        if ($Path -and $request.path -ne $Path) { continue }
        if ($Like -and $request.path -notlike $Like) { continue }
        $request
    }
}

function Clear-CippMockRequest {
    <#
    .SYNOPSIS
    Forgets the recorded requests (numbering restarts at 1).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Mock)
    $null = Invoke-RestMethod -Uri "$($Mock.http)/_mock/requests" -Method Delete -NoProxy
}

function Add-CippMockFault {
    <#
    .SYNOPSIS
    Injects a fault, e.g. @{ match = 'ListLogs'; kind = 'status'; status = 404; body = 'x' }.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Mock,
        [Parameter(Mandatory)] [System.Collections.IDictionary]$Fault
    )
    $null = Invoke-RestMethod -Uri "$($Mock.http)/_mock/faults" -Method Post -NoProxy -ContentType 'application/json' `
        -Body (ConvertTo-Json -InputObject $Fault -Depth 5 -Compress)
}

function Set-CippMockConfig {
    <#
    .SYNOPSIS
    Merges settings into the mock configuration, e.g. @{ token_expires_in = 60 }.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Mock,
        [Parameter(Mandatory)] [System.Collections.IDictionary]$Config
    )
    Invoke-RestMethod -Uri "$($Mock.http)/_mock/config" -Method Post -NoProxy -ContentType 'application/json' `
        -Body (ConvertTo-Json -InputObject $Config -Compress)
}

function Reset-CippMock {
    <#
    .SYNOPSIS
    Clears records, faults, issued tokens and configuration changes.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Mock)
    $null = Invoke-RestMethod -Uri "$($Mock.http)/_mock/reset" -Method Post -NoProxy
}

function Import-CippModuleForTest {
    <#
    .SYNOPSIS
    Imports powershell/CIPPAPIModule (-Force) against target/debug's native library.

    .DESCRIPTION
    Sets CIPPAPI_NATIVE_PATH to the debug library and CIPPAPI_CACHE_DIR to target/pwsh-binding-cache (so the
    compiled binding is shared between test runs but stays inside the build folder), then imports the module
    from the source tree into the global scope and returns its PSModuleInfo.
    #>
    [CmdletBinding()]
    param()
    $env:CIPPAPI_NATIVE_PATH = Get-CippNativeLibraryPath
    $env:CIPPAPI_CACHE_DIR = [System.IO.Path]::Combine($script:RepoRoot, 'target', 'pwsh-binding-cache')
    Import-Module ([System.IO.Path]::Combine($script:RepoRoot, 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1')) -Force -Global -PassThru
}

function Get-CippPwshCommand {
    <#
    .SYNOPSIS
    How to start the pwsh running the tests: the executable and any leading arguments (a pwsh hosted by
    `dotnet pwsh.dll` needs the dll as its first argument).
    #>
    $process = [Environment]::ProcessPath
    $name = [System.IO.Path]::GetFileNameWithoutExtension($process)
    if ($name -eq 'dotnet') { return @($process, [Environment]::GetCommandLineArgs()[0]) }
    @($process)
}

function Invoke-CippChildPwsh {
    <#
    .SYNOPSIS
    Runs a script in a fresh pwsh process and returns its exit code and output (stdout and stderr merged).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string]$Script,
        [hashtable]$Environment = @{}
    )
    $file = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "cipp-child-$([guid]::NewGuid().ToString('N')).ps1")
    [System.IO.File]::WriteAllText($file, $Script)
    $command = @(Get-CippPwshCommand)
    $psi = [System.Diagnostics.ProcessStartInfo]::new($command[0])
    foreach ($a in @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    foreach ($k in $Environment.Keys) {
        if ($null -eq $Environment[$k]) { $null = $psi.Environment.Remove($k) } else { $psi.Environment[$k] = [string]$Environment[$k] }
    }
    try {
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit()
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout + $stderr.Result; StdOut = $stdout; StdErr = $stderr.Result }
    } finally {
        Remove-Item -LiteralPath $file -ErrorAction Ignore
    }
}

Export-ModuleMember -Function Get-CippRepoRoot, Get-CippNativeLibraryPath, Start-CippMock, Stop-CippMock, Get-CippMockRequest,
    Clear-CippMockRequest, Add-CippMockFault, Set-CippMockConfig, Reset-CippMock, Import-CippModuleForTest, Get-CippPwshCommand,
    Invoke-CippChildPwsh
