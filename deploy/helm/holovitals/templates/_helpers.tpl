{{/* <release>-holovitals, or the release name when it already says holovitals. */}}
{{- define "holovitals.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "holovitals.secretName" -}}
{{- .Values.secrets.name | default (printf "%s-secrets" (include "holovitals.fullname" .)) -}}
{{- end -}}

{{/* The service registry (files/registry.yaml, generated): a list of processes. */}}
{{- define "holovitals.registry" -}}
{{- .Files.Get "files/registry.yaml" -}}
{{- end -}}

{{/* One role's image (deploy/Dockerfile target): <repository>-<role>, by digest when one is set. */}}
{{- define "holovitals.image" -}}
{{- $image := .root.Values.image -}}
{{- $digest := index $image.digests .role | default "" -}}
{{- if $digest -}}
{{- printf "%s-%s@%s" $image.repository .role $digest -}}
{{- else -}}
{{- printf "%s-%s:%s" $image.repository .role ($image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{- define "holovitals.labels" -}}
{{ include "holovitals.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "holovitals.selectorLabels" -}}
app.kubernetes.io/name: holovitals
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{/*
A registry entry's settings: its kind's defaults under `kinds`, overlaid by `services.<name>` (as YAML).
*/}}
{{- define "holovitals.settings" -}}
{{- $kind := deepCopy (index .root.Values.kinds .entry.kind) -}}
{{- $own := deepCopy (index .root.Values.services .entry.name | default dict) -}}
{{- toYaml (mergeOverwrite $kind $own) -}}
{{- end -}}

{{/* Whether an entry is deployed: auxiliary stand-ins only when `kinds.auxiliary.enabled`. */}}
{{- define "holovitals.deployed" -}}
{{- if or (ne .entry.kind "auxiliary") .root.Values.kinds.auxiliary.enabled -}}true{{- end -}}
{{- end -}}

{{- define "holovitals.secretRef" -}}
valueFrom:
  secretKeyRef:
    name: {{ include "holovitals.secretName" .root }}
    key: {{ .key }}
{{- end -}}

{{/* DATABASE_URL from the Secret's DATABASE_URL_<DATABASE> key (workers share their subgraph's). */}}
{{- define "holovitals.databaseEnv" -}}
- name: DATABASE_URL
  {{- include "holovitals.secretRef" (dict "root" .root "key" (printf "DATABASE_URL_%s" .entry.databaseEnvName)) | nindent 2 }}
{{- end -}}

{{/* Environment of one registry entry's container. */}}
{{- define "holovitals.env" -}}
{{- $root := .root -}}
{{- $entry := .entry -}}
{{- $settings := .settings -}}
- name: NODE_ENV
  value: production
- name: HOST
  value: 0.0.0.0
- name: PORT
  value: {{ $entry.port | quote }}
{{- if ne $entry.kind "web" }}
- name: METRICS_HOST
  value: 0.0.0.0
- name: METRICS_PORT
  value: {{ $root.Values.metrics.port | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ $entry.name }}
{{- range $name, $value := $root.Values.config }}
{{- if ne (toString $value) "" }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if or (eq $entry.kind "subgraph") (eq $entry.kind "worker") (eq $entry.kind "gateway") }}
- name: JWKS_URL
  value: {{ printf "http://%s-identity:4001/.well-known/jwks.json" (include "holovitals.fullname" $root) }}
{{- range $key := list "GATEWAY_SECRET" "METRICS_TOKEN" "REDIS_URL" }}
- name: {{ $key }}
  {{- include "holovitals.secretRef" (dict "root" $root "key" $key) | nindent 2 }}
{{- end }}
{{- end }}
{{- if $entry.database }}
{{- include "holovitals.databaseEnv" . | nindent 0 }}
- name: MIGRATIONS_RUN
  value: 'false'
- name: EVENT_PUBLIC_KEYS
  {{- include "holovitals.secretRef" (dict "root" $root "key" "EVENT_PUBLIC_KEYS") | nindent 2 }}
- name: EVENT_SIGNING_KEY
  {{- include "holovitals.secretRef" (dict "root" $root "key" (printf "%s_EVENT_SIGNING_KEY" $entry.databaseEnvName)) | nindent 2 }}
{{- end }}
{{- if eq $entry.kind "gateway" }}
- name: EVENT_SIGNING_KEY
  {{- include "holovitals.secretRef" (dict "root" $root "key" "GATEWAY_EVENT_SIGNING_KEY") | nindent 2 }}
{{- range $subgraph := (include "holovitals.registry" $root | fromYaml).services }}
{{- if eq $subgraph.kind "subgraph" }}
- name: {{ printf "SUBGRAPH_%s_URL" $subgraph.envName }}
  value: {{ printf "http://%s-%s:%v/graphql" (include "holovitals.fullname" $root) $subgraph.name $subgraph.port }}
{{- end }}
{{- end }}
{{- end }}
{{- if has $entry.name $root.Values.blobStore.services }}
- name: BLOB_STORE_DRIVER
  value: {{ $root.Values.blobStore.driver }}
{{- if eq $root.Values.blobStore.driver "s3" }}
- name: BLOB_S3_BUCKET
  value: {{ $root.Values.blobStore.s3.bucket | quote }}
- name: BLOB_S3_REGION
  value: {{ $root.Values.blobStore.s3.region | quote }}
{{- with $root.Values.blobStore.s3.endpoint }}
- name: BLOB_S3_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- range $key := list "BLOB_S3_ACCESS_KEY_ID" "BLOB_S3_SECRET_ACCESS_KEY" }}
- name: {{ $key }}
  {{- include "holovitals.secretRef" (dict "root" $root "key" $key) | nindent 2 }}
{{- end }}
{{- else }}
- name: BLOB_STORE_DIR
  value: {{ $root.Values.blobStore.local.mountPath }}
{{- end }}
{{- end }}
{{- range $name, $value := $settings.env }}
{{- if ne (toString $value) "" }}
- name: {{ $name }}
  value: {{ tpl (toString $value) $root | quote }}
{{- end }}
{{- end }}
{{- range $name, $key := $settings.secretEnv }}
- name: {{ $name }}
  {{- include "holovitals.secretRef" (dict "root" $root "key" $key) | nindent 2 }}
{{- end }}
{{- end -}}
