-- CreateIndex
CREATE INDEX "ApiKey_start_idx" ON "ApiKey"("start");
