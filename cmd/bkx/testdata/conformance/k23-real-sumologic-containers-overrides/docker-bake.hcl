// origin: SumoLogic/sumologic-otel-collector-containers docker-bake.hcl (reduced)
#################################################################################
# Groups
#################################################################################

group "default" {
  targets = [
    "standard",
    "standard-fips",
    "ubi",
    "ubi-fips"
  ]
}

#################################################################################
# Base targets
#################################################################################

target "_common" {
  context = "./"
  attest = [
    {
      type = "provenance",
      disabled = true,
    },
    {
      type = "sbom",
      disabled = true,
    },
  ]
}

target "_common-fips" {
  args = {
    COLLECTOR_BIN = "otelcol-sumo-fips"
    CONFIG_BIN    = "otelcol-config-fips"
  }
}

target "_common-standard" {
  inherits = ["_common"]
  dockerfile = "./dockerfiles/scratch/Dockerfile"
}

target "_common-ubi" {
  inherits = ["_common"]
  dockerfile = "./dockerfiles/ubi/Dockerfile"
}

#################################################################################
# Composite targets
#################################################################################

target "standard" {
  inherits = ["_common-standard"]
}

target "standard-fips" {
  inherits = ["_common-standard", "_common-fips"]
}

target "ubi" {
  inherits = ["_common-ubi"]
}

target "ubi-fips" {
  inherits = ["_common-ubi", "_common-fips"]
}
