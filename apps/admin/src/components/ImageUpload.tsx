// Product pictures: uploaded to the server's storage one by one, kept as a list of URLs (first is the cover).
import { PlusOutlined } from "@ant-design/icons";
import { Upload, type UploadFile } from "antd";
import { useI18n } from "../i18n/index.tsx";
import { ApiFailure } from "../lib/api.ts";
import { readToken } from "../lib/session.ts";
import { useNotify } from "../lib/use-notify.ts";

async function uploadImage(file: File): Promise<string> {
  const form = new FormData();
  form.append("file", file);
  const response = await fetch("/api/admin/v1/uploads", {
    method: "POST",
    headers: { authorization: `Bearer ${readToken() ?? ""}` },
    body: form,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiFailure(
      body?.error?.code ?? `HTTP_${response.status}`,
      body?.error?.message ?? "",
      undefined,
    );
  }
  return body.url as string;
}

type Props = { value?: string[]; onChange?: (urls: string[]) => void; max?: number; testId?: string };

export function ImageUpload({ value = [], onChange, max = 9, testId = "image-upload" }: Props) {
  const { t } = useI18n();
  const { failed } = useNotify();
  const files: UploadFile[] = value.map((url, i) => ({ uid: `${i}-${url}`, name: url, status: "done", url }));
  return (
    <Upload
      data-testid={testId}
      accept="image/png,image/jpeg,image/webp,image/gif"
      listType="picture-card"
      fileList={files}
      onRemove={(file) => onChange?.(value.filter((url) => url !== file.url))}
      customRequest={({ file, onSuccess, onError }) => {
        uploadImage(file as File)
          .then((url) => {
            onChange?.([...value, url]);
            onSuccess?.(url);
          })
          .catch((error: Error) => {
            failed(error);
            onError?.(error);
          });
      }}
    >
      {value.length < max && (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>{t("common.upload")}</div>
        </div>
      )}
    </Upload>
  );
}
