// origin: srcML/srcML docker-bake.override.hcl (reduced)
variable "distributions" {
  description = "Table of supported Linux distributions"
  default = [
    { id = "ubuntu",   version_id = "24.04",  java_version_id="22.04", name = "Ubuntu 24.04", workflow = "ubuntu", java = "latest", tag = "latest" },
    { id = "ubuntu",   version_id = "20.04",  java_version_id="20.04", name = "Ubuntu 20.04", workflow = "ubuntu", cmake = "ON", tag = "earliest" },
    { id = "fedora",   version_id = "42",     java_version_id="38",    name = "Fedora 42", workflow = "rpm",    java = "latest" },
    { id = "opensuse", version_id = "tumbleweed", java_version_id="latest",  name = "OpenSUSE Tumbleweed", workflow = "rpm",    opensuse="tumbleweed", base_tag = "latest" }
  ]
}

variable "SRCML_BAKE_CMAKE_VERSION" {
  description = "CMake version"
  default = "4.0.0"
}

variable "SRCML_BAKE_SRCML_VERSION" {
  description = "srcML version to embed in image data"
  default = "1.1.0"
}

group "ubuntu" { targets = distributionTarget("ubuntu") }

group "rpm" {
  targets = [ for item in distributions : targetName(item) if item.workflow == "rpm"]
}
group "latest" {
  targets = [ for item in distributions : targetName(item) if try(item.tag, "") == "latest"]
}

group "ubuntu_package" { targets = categoryDistributionTarget("ubuntu", "package") }

group "opensuse_log" { targets = categoryDistributionTarget("opensuse", "log") }

function "distributionTarget" {
  params = [id]
  result = [ for item in distributions : targetName(item) if item.id == id ]
}

function "categoryDistributionTarget" {
  params = [id, category]
  result = [ for item in distributions : categoryTarget(item, category) if item.id == id]
}
