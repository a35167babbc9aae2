// origin: Alfresco/alfresco-dockerfiles-bakery docker-bake.hcl (reduced)
group "default" {
  targets = ["content_service", "enterprise-search"]
}

group "content_service" {
  targets = ["repository"]
}

group "enterprise-search" {
  targets = ["search_liveindexing"]
}

variable "LABEL_VENDOR" {
  default = "Hyland Software, Inc."
}

variable "LABEL_SOURCE" {
  default = "https://github.com/Alfresco/alfresco-dockerfiles"
}

variable "CODE_REF" {
  default = "local"
}

variable "PRODUCT_LINE" {
  default = "Alfresco"
}

variable "CREATED" {
  default = formatdate("YYYY'-'MM'-'DD'T'hh':'mm':'ss'Z'", timestamp())
}

variable "REVISION" {
  default = "$GITHUB_RUN_NUMBER"
}

variable "DISTRIB_NAME" {
  default = "rockylinux"
}

variable "DISTRIB_MAJOR" {
  default = "9"
}

variable "JDIST" {
  default = "jre"
}

variable "JAVA_MAJOR" {
  default = "17"
}

target "java_base" {
  dockerfile = "./java/Dockerfile"
  args = {
    DISTRIB_NAME = "${DISTRIB_NAME}"
    DISTRIB_MAJOR = "${DISTRIB_MAJOR}"
    JDIST = "${JDIST}"
    JAVA_MAJOR = "${JAVA_MAJOR}"
    LABEL_NAME = "${PRODUCT_LINE} Java"
    LABEL_VENDOR = "${LABEL_VENDOR}"
    CREATED = "${CREATED}"
    REVISION = "${REVISION}"
  }
  labels = {
    "org.label-schema.schema-version" = "1.0"
    "org.label-schema.name" = "${PRODUCT_LINE} Java"
    "org.label-schema.build-date" = "${CREATED}"
    "org.label-schema.url" = "$LABEL_SOURCE"
    "org.label-schema.vcs-ref" = "$CODE_REF"
    "org.opencontainers.image.title" = "${PRODUCT_LINE} Java"
    "org.opencontainers.image.description" = "A base image shipping OpenJDK JRE ${JAVA_MAJOR} for Alfresco Products"
    "org.opencontainers.image.revision" = "${REVISION}"
  }
  tags = ["alfresco-base-java:${JDIST}${JAVA_MAJOR}-${DISTRIB_NAME}${DISTRIB_MAJOR}"]
  output = ["type=cacheonly"]
}

variable "TOMCAT_MAJOR" {
  default = "10"
}

variable "TOMCAT_VERSION" {
  default = "10.1.26"
}

target "tomcat_base" {
  dockerfile = "./tomcat/Dockerfile"
  inherits = ["java_base"]
  contexts = {
    java_base = "target:java_base"
  }
  args = {
    TOMCAT_MAJOR = "${TOMCAT_MAJOR}"
    TOMCAT_VERSION = "${TOMCAT_VERSION}"
    LABEL_NAME = "${PRODUCT_LINE} Tomcat"
  }
  labels = {
    "org.opencontainers.image.title" = "${PRODUCT_LINE} Tomcat"
    "org.opencontainers.image.description" = "A base image shipping Tomcat for Alfresco Products"
  }
  tags = ["alfresco-base-tomcat:tomcat${TOMCAT_MAJOR}-${JDIST}${JAVA_MAJOR}-${DISTRIB_NAME}${DISTRIB_MAJOR}"]
  output = ["type=cacheonly"]
}

target "repository" {
  context = "./repository"
  dockerfile = "Dockerfile"
  inherits = ["tomcat_base"]
  contexts = {
    tomcat_base = "target:tomcat_base"
  }
  labels = {
    "org.opencontainers.image.title" = "${PRODUCT_LINE} Content Repository"
    "org.opencontainers.image.description" = "Alfresco Content Services Repository"
  }
  tags = ["alfresco-content-repository:latest"]
  output = ["type=docker"]
}

target "search_liveindexing" {
  matrix = {
    liveindexing = ["alfresco-elasticsearch-live-indexing-metadata", "alfresco-elasticsearch-live-indexing-path"]
  }
  name = "${liveindexing}"
  args = {
    LIVEINDEXING = "${liveindexing}"
  }
  dockerfile = "./search/enterprise/common/Dockerfile"
  inherits = ["java_base"]
  contexts = {
    java_base = "target:java_base"
  }
  labels = {
    "org.opencontainers.image.title" = "${PRODUCT_LINE} Enterprise Search - ${liveindexing}"
  }
  tags = ["${liveindexing}:latest"]
  output = ["type=docker"]
}
