# Starts and stops the cipp-mock server for Pester tests and reads its request recorder.
#   $mock = Start-CippMock          # builds target/debug/cipp-mock when missing, waits for the ready line
#   Clear-CippMockRequests $mock; ...; Get-CippMockRequests $mock
#   Stop-CippMock $mock

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Start-CippMock {
    [CmdletBinding()]
    param([int]$TimeoutSeconds = 120)
    $exe = Join-Path $script:RepoRoot 'target/debug/cipp-mock'
    if ($IsWindows) { $exe += '.exe' }
    if (-not (Test-Path $exe) -or $env:CIPPAPI_TEST_BUILD_MOCK) {
        & cargo build --quiet -p cipp-mock --manifest-path (Join-Path $script:RepoRoot 'Cargo.toml')
        if ($LASTEXITCODE) { throw "cargo build -p cipp-mock failed ($LASTEXITCODE)" }
    }
    $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("cipp-mock-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $dir | Out-Null
    $ready = Join-Path $dir 'ready.json'
    $process = Start-Process -FilePath $exe -ArgumentList @('--ready-file', $ready, '--state-dir', $dir) -PassThru `
        -RedirectStandardOutput (Join-Path $dir 'stdout.txt') -RedirectStandardError (Join-Path $dir 'stderr.txt')
    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (Test-Path $ready)) {
        if ($process.HasExited) { throw "cipp-mock exited with $($process.ExitCode): $(Get-Content (Join-Path $dir 'stderr.txt') -Raw)" }
        if ([datetime]::UtcNow -gt $deadline) { $process.Kill(); throw 'cipp-mock did not become ready' }
        Start-Sleep -Milliseconds 50
    }
    $info = Get-Content $ready -Raw | ConvertFrom-Json
    [pscustomobject]@{
        Process = $process; Dir = $dir
        Http = $info.http; Https = $info.https; CaFile = $info.ca_file
        TenantId = $info.tenant_id; ClientId = $info.client_id; ClientSecret = $info.client_secret
    }
}

function Stop-CippMock {
    param([Parameter(Mandatory)]$Mock)
    if ($Mock.Process -and -not $Mock.Process.HasExited) {
        $Mock.Process.Kill()
        $Mock.Process.WaitForExit(5000) | Out-Null
    }
    Remove-Item -Recurse -Force -Path $Mock.Dir -ErrorAction SilentlyContinue
}

# Recorded requests (token requests included), oldest first.
function Get-CippMockRequests {
    param([Parameter(Mandatory)]$Mock)
    $json = (Invoke-WebRequest -Uri "$($Mock.Http)/_mock/requests" -Method Get).Content
    @(ConvertFrom-Json -InputObject $json -DateKind String)
}

function Clear-CippMockRequests {
    param([Parameter(Mandatory)]$Mock)
    Invoke-WebRequest -Uri "$($Mock.Http)/_mock/requests" -Method Delete | Out-Null
}

Export-ModuleMember -Function Start-CippMock, Stop-CippMock, Get-CippMockRequests, Clear-CippMockRequests

# Points the module at the debug build of the native library (CIPPAPI_NATIVE_PATH) unless the module folder or the
# environment already provides one; builds it when missing.
function Initialize-CippNativeLibrary {
    if ($env:CIPPAPI_NATIVE_PATH) { return }
    $runtimes = Join-Path $script:RepoRoot 'powershell/CIPPAPIModule/runtimes'
    if (Test-Path $runtimes) { return }
    $file = if ($IsWindows) { 'cippapi.dll' } elseif ($IsMacOS) { 'libcippapi.dylib' } else { 'libcippapi.so' }
    $lib = Join-Path $script:RepoRoot "target/debug/$file"
    if (-not (Test-Path $lib)) {
        & cargo build --quiet -p cippapi --manifest-path (Join-Path $script:RepoRoot 'Cargo.toml')
        if ($LASTEXITCODE) { throw "cargo build -p cippapi failed ($LASTEXITCODE)" }
    }
    $env:CIPPAPI_NATIVE_PATH = $lib
}

Export-ModuleMember -Function Initialize-CippNativeLibrary
