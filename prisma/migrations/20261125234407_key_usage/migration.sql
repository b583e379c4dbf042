-- CreateTable
CREATE TABLE "key_usage" (
    "keyId" TEXT NOT NULL,
    "resolution" CHAR(1) NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "endpoint" VARCHAR(64) NOT NULL,
    "outcome" VARCHAR(24) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "key_usage_pkey" PRIMARY KEY ("keyId","resolution","bucket","endpoint","outcome")
);

-- CreateTable
CREATE TABLE "key_requests" (
    "id" BIGSERIAL NOT NULL,
    "keyId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ip" VARCHAR(45),
    "method" VARCHAR(10) NOT NULL,
    "path" VARCHAR(200) NOT NULL,
    "status" SMALLINT NOT NULL,
    "latencyMs" INTEGER NOT NULL,

    CONSTRAINT "key_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "key_usage_resolution_bucket_idx" ON "key_usage"("resolution", "bucket");

-- CreateIndex
CREATE INDEX "key_requests_keyId_at_idx" ON "key_requests"("keyId", "at" DESC);

-- AddForeignKey
ALTER TABLE "key_usage" ADD CONSTRAINT "key_usage_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_requests" ADD CONSTRAINT "key_requests_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
