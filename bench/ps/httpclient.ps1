# The hand-written baseline: one reused System.Net.Http.HttpClient, a token fetched once from the mock's token
# endpoint, the same GET as `Get-CIPPLogs -Severity Error` (body `{}` like every GET of the module), and
# ConvertFrom-Json of each answer. Dot-sourced by the benchmark scripts; the runner sets SSL_CERT_FILE to the mock's
# CA, so .NET validates the server certificate as it would a real one.
function Initialize-HttpClientBaseline {
    $script:BaselineHttp = [System.Net.Http.HttpClient]::new()
    $form = [System.Collections.Generic.Dictionary[string, string]]::new()
    $form['client_id'] = $env:CIPP_CLIENT_ID
    $form['client_secret'] = $env:CIPP_CLIENT_SECRET
    $form['scope'] = "api://$($env:CIPP_CLIENT_ID)/.default"
    $form['grant_type'] = 'client_credentials'
    $content = [System.Net.Http.FormUrlEncodedContent]::new($form)
    $answer = $script:BaselineHttp.PostAsync("$($env:CIPPAPI_AUTHORITY_HOST)/$($env:CIPP_TENANT_ID)/oauth2/v2.0/token", $content).GetAwaiter().GetResult()
    $token = ($answer.Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json).access_token
    $script:BaselineAuth = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $token)
    $today = Get-Date -Format 'yyyyMMdd'
    $script:BaselineLogsUrl = "$($env:CIPP_API_URL)/api/ListLogs?Filter=True&DateFilter=$today&StartDate=&EndDate=&Severity=error"
}

function Invoke-HttpClientBaseline {
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, $script:BaselineLogsUrl)
    $request.Headers.Authorization = $script:BaselineAuth
    $request.Content = [System.Net.Http.StringContent]::new('{}', [System.Text.Encoding]::UTF8, 'application/json')
    $response = $script:BaselineHttp.Send($request)
    if (-not $response.IsSuccessStatusCode) { throw "baseline GET answered $([int]$response.StatusCode)" }
    ConvertFrom-Json -InputObject $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
}
